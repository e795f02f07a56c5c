import sys
from pathlib import Path

# samples.py (PDF/HTML builders) is shared with tests/reliability and bench/.
sys.path.insert(0, str(Path(__file__).parent))
