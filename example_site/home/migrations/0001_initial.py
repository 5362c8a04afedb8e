import django.db.models.deletion
import wagtail.fields
from django.conf import settings
from django.db import migrations, models

# Wagtail 8 lets a site swap the base page model; Wagtail 7 has no such setting.
PAGE_MODEL = getattr(settings, "WAGTAIL_PAGE_MODEL", "wagtailcore.Page")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('wagtailcore', '0094_alter_page_locale'),
    ]

    operations = [
        migrations.CreateModel(
            name='HomePage',
            fields=[
                ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=PAGE_MODEL)),
                ('intro', wagtail.fields.RichTextField(blank=True)),
            ],
            options={
                'abstract': False,
            },
            bases=('wagtailcore.page',),
        ),
    ]
