# The locale and translation key, nullable at first, filled for the pages Wagtail's
# migrations created (the root page and the welcome page).

from django.db import migrations
from wagtail.models import (
    BootstrapLocaleField,
    BootstrapTranslatableModel,
    BootstrapTranslationKeyField,
)


class Migration(migrations.Migration):
    dependencies = [
        ("custom_base_page", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        BootstrapLocaleField("custom_base_page.SitePage"),
        BootstrapTranslationKeyField("custom_base_page.SitePage"),
        BootstrapTranslatableModel("custom_base_page.SitePage"),
    ]
