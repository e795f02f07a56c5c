import sys
from pathlib import Path

# ingest_samples.py (PDF/HTML builders, a local web server) is shared with tests/reliability and bench/.
sys.path.insert(0, str(Path(__file__).parent))
