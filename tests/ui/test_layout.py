"""The app's file layout rules that Streamlit enforces silently."""

from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "ui"


def test_no_pages_folder_beside_the_entry_point():
    # Streamlit runs a pages/ folder next to app.py as its legacy multipage app and
    # then ignores st.navigation (and our page setup). Page modules go in ui/views/.
    assert not (UI / "pages").exists(), "move ui/pages/*.py to ui/views/ (see ui/app.py)"


def test_every_page_module_is_in_the_navigation():
    app = (UI / "app.py").read_text()
    for page in (UI / "views").glob("*.py"):
        if page.name != "__init__.py" and page.name != "themes.py":
            assert f'"{page.name}"' in app, page.name
