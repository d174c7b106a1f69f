"""Every asset ships with the app: no CDN, no network at run time."""

import json
import re
from pathlib import Path

from django.contrib.staticfiles import finders
from django.core.management import call_command

from measures.templatetags.measure_format import MDC_ICON_FILES

ROOT = Path(__file__).resolve().parent.parent
EXTERNAL_URL = re.compile(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.IGNORECASE)


def test_plotly_js_is_served_from_the_plotly_package():
    import plotly

    found = finders.find("vendor/plotly/plotly.min.js")

    assert found == str(Path(plotly.__file__).parent / "package_data" / "plotly.min.js")


def test_the_nhsuk_design_system_is_vendored_with_its_licence_and_version():
    vendor = ROOT / "static" / "vendor" / "nhsuk-frontend"

    assert finders.find("vendor/nhsuk-frontend/nhsuk-frontend.min.css")
    assert finders.find("vendor/nhsuk-frontend/nhsuk-frontend.min.js")
    assert "MIT License" in (vendor / "LICENSE").read_text()
    assert re.match(r"nhsuk-frontend 10\.\d+\.\d+", (vendor / "VERSION").read_text())


def test_the_vendored_css_loads_nothing_from_the_network():
    css = (ROOT / "static/vendor/nhsuk-frontend/nhsuk-frontend.min.css").read_text()

    assert "https://" not in css
    assert "http://" not in css


def test_no_template_loads_an_asset_from_another_site():
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "templates").rglob("*.html")
        if EXTERNAL_URL.search(path.read_text())
    ]

    assert offenders == []


def test_collectstatic_builds_the_production_manifest(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }

    call_command("collectstatic", interactive=False, verbosity=0)

    manifest = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    for name in (
        "vendor/plotly/plotly.min.js",
        "vendor/nhsuk-frontend/nhsuk-frontend.min.css",
        "vendor/nhsuk-frontend/nhsuk-frontend.min.js",
        "css/scorecard.css",
        "js/app.js",
    ):
        assert name in manifest
        assert (tmp_path / manifest[name]).exists()


def test_the_making_data_count_icons_are_vendored_unchanged_with_their_licence():
    vendor = ROOT / "static" / "vendor" / "mdc-icons"

    assert "MIT License" in (vendor / "LICENSE.md").read_text()
    assert "NHSRplotthedots v0.2.0" in (vendor / "VERSION").read_text()
    for key, name in MDC_ICON_FILES.items():
        assert finders.find(f"vendor/mdc-icons/{name}"), key
        svg = (vendor / name).read_text()
        assert svg.startswith("<svg"), name
        assert not EXTERNAL_URL.search(svg), name
