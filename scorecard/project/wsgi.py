import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scorecard.project.settings")

application = get_wsgi_application()

from scorecard.project import collector  # noqa: E402 (once Django is set up)

collector.tune()
