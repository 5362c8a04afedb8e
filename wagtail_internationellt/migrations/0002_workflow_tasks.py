import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('auth', '0012_alter_user_first_name_max_length'),
        ('wagtail_internationellt', '0001_initial'),
        ('wagtailcore', '0094_alter_page_locale'),
    ]

    operations = [
        migrations.CreateModel(
            name='ReviewTask',
            fields=[
                ('task_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to='wagtailcore.task')),
                ('public_role', models.CharField(help_text="How the approving role is named under a published page, e.g. “Granskare”. Never a person's name.", max_length=100, verbose_name='role shown to residents')),
                ('groups', models.ManyToManyField(help_text='Pages/snippets at this step in a workflow will be moderated or approved by these groups of users', to='auth.group', verbose_name='groups')),
            ],
            options={
                'verbose_name': 'review with four eyes',
                'verbose_name_plural': 'reviews with four eyes',
            },
            bases=('wagtailcore.task',),
        ),
        migrations.CreateModel(
            name='BoardCheckTask',
            fields=[
                ('reviewtask_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to='wagtail_internationellt.reviewtask')),
            ],
            options={
                'verbose_name': 'executive board check',
                'verbose_name_plural': 'executive board checks',
            },
            bases=('wagtail_internationellt.reviewtask',),
        ),
    ]
