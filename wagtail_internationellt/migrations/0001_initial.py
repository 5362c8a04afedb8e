import django.core.validators
import django.db.models.deletion
import django_countries.fields
import modelcluster.fields
import wagtail.fields
import wagtail_internationellt.models.base
import wagtail_internationellt.models.sections
import swapper
from django.db import migrations, models

# The page types derive from the site's base page model (WAGTAIL_PAGE_MODEL, Wagtail 8),
# by default wagtailcore.Page; the link to its table is named after it.
PAGE_MODEL = swapper.get_model_name("wagtailcore", "Page")
PAGE_LINK = f"{swapper.split(PAGE_MODEL)[1].lower()}_ptr"


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        swapper.dependency("wagtailcore", "Page"),
        ('wagtailcore', '0094_alter_page_locale'),
        ('wagtaildocs', '0014_alter_document_file_size'),
        ('wagtailimages', '0027_image_description'),
    ]

    operations = [
        migrations.CreateModel(
            name='InternationalIndexPage',
            fields=[
                (PAGE_LINK, models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=PAGE_MODEL)),
                ('municipality_name', models.CharField(help_text="The municipality's name as residents know it, e.g. “Sollefteå kommun”.", max_length=100, verbose_name='municipality')),
                ('intro', wagtail.fields.RichTextField(blank=True, help_text='A few sentences on why the municipality works internationally.', verbose_name='introduction')),
                ('reporting_threshold', models.PositiveIntegerField(default=wagtail_internationellt.models.sections.default_reporting_threshold, help_text='A trip that costs more than this must be reported back to the executive board, stating purpose, goals and result. Sollefteå: 10 000.', validators=[django.core.validators.MinValueValidator(0)], verbose_name='reporting threshold (kronor)')),
            ],
            options={
                'verbose_name': 'international section',
                'verbose_name_plural': 'international sections',
            },
            bases=(PAGE_MODEL,),
        ),
        migrations.CreateModel(
            name='TripReportIndexPage',
            fields=[
                (PAGE_LINK, models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=PAGE_MODEL)),
                ('intro', wagtail.fields.RichTextField(blank=True, help_text='E.g. that all trips are reported to the council with purpose, goals and result.', verbose_name='introduction')),
            ],
            options={
                'verbose_name': 'trip report list',
                'verbose_name_plural': 'trip report lists',
            },
            bases=(wagtail_internationellt.models.base.SectionMemberMixin, PAGE_MODEL),
        ),
        migrations.CreateModel(
            name='TwinTownIndexPage',
            fields=[
                (PAGE_LINK, models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=PAGE_MODEL)),
                ('intro', wagtail.fields.RichTextField(blank=True, help_text='E.g. what the policy says about new agreements (Torsby: none should be made).', verbose_name='introduction')),
            ],
            options={
                'verbose_name': 'twin town list',
                'verbose_name_plural': 'twin town lists',
            },
            bases=(wagtail_internationellt.models.base.SectionMemberMixin, PAGE_MODEL),
        ),
        migrations.CreateModel(
            name='TwinTownPage',
            fields=[
                (PAGE_LINK, models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=PAGE_MODEL)),
                ('official_name', models.CharField(blank=True, help_text='The name as the agreement has it, when it differs from the title, e.g. “Nykarleby Stad” or “Madison the City”.', max_length=150, verbose_name='official name')),
                ('country', django_countries.fields.CountryField(blank=True, help_text='E.g. Estonia for Pöltsamaa, Chile for Påskön.', max_length=2, verbose_name='country')),
                ('region', models.CharField(blank=True, help_text='State, county or island, e.g. “Wisconsin” or “Påskön”.', max_length=150, verbose_name='region')),
                ('decision_year', models.PositiveSmallIntegerField(blank=True, help_text='The year the municipality decided on the agreement, e.g. 1977 for Skjern.', null=True, verbose_name='year of the municipal decision')),
                ('decision_date', models.DateField(blank=True, help_text='If the exact date is known. Its year must match the year above.', null=True, verbose_name='date of the municipal decision')),
                ('decision_reference', models.CharField(blank=True, help_text='Body, paragraph or registry number of the decision, e.g. “KF § 18”.', max_length=120, verbose_name='decision reference')),
                ('status', models.CharField(choices=[('active', 'Active'), ('inactive', 'Inactive'), ('terminated', 'Terminated')], default='active', help_text='Inactive: no exchange at present. Terminated: the council has ended the agreement.', max_length=20, verbose_name='status')),
                ('end_date', models.DateField(blank=True, help_text='The date the agreement was terminated.', null=True, verbose_name='end date')),
                ('latitude', models.DecimalField(blank=True, decimal_places=6, help_text='Degrees north, between -90 and 90, e.g. 63.52 for Nykarleby.', max_digits=9, null=True, verbose_name='latitude')),
                ('longitude', models.DecimalField(blank=True, decimal_places=6, help_text='Degrees east, between -180 and 180, e.g. 22.53 for Nykarleby.', max_digits=9, null=True, verbose_name='longitude')),
                ('website', models.URLField(blank=True, help_text="The twin town's own website.", verbose_name='website')),
                ('description', wagtail.fields.RichTextField(blank=True, help_text='What the cooperation is about: schools, culture, business…', verbose_name='description')),
            ],
            options={
                'verbose_name': 'twin town',
                'verbose_name_plural': 'twin towns',
            },
            bases=(wagtail_internationellt.models.base.SectionMemberMixin, PAGE_MODEL),
        ),
        migrations.CreateModel(
            name='Department',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(help_text='E.g. “Barn- och utbildningsförvaltningen” or “Kultur- och fritidsnämnden”.', max_length=150, verbose_name='name')),
                ('responsible_name', models.CharField(blank=True, help_text="The person responsible for the department's international contacts.", max_length=150, verbose_name='responsible person')),
                ('responsible_title', models.CharField(blank=True, help_text='E.g. “Utvecklingsstrateg”.', max_length=150, verbose_name='role')),
                ('responsible_email', models.EmailField(blank=True, help_text='Reminders about overdue reporting go to this address.', max_length=254, verbose_name='email address')),
                ('section', models.ForeignKey(help_text="The municipality's international section this department belongs to.", on_delete=django.db.models.deletion.CASCADE, related_name='departments', to='wagtail_internationellt.internationalindexpage', verbose_name='municipality')),
            ],
            options={
                'verbose_name': 'department or committee',
                'verbose_name_plural': 'departments and committees',
                'ordering': ['name'],
            },
        ),
        migrations.CreateModel(
            name='PolicyPage',
            fields=[
                (PAGE_LINK, models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=PAGE_MODEL)),
                ('document_type', models.CharField(choices=[('policy', 'Policy'), ('guideline', 'Guideline'), ('programme', 'Programme')], default='policy', help_text='What kind of governing document this is; most are policies.', max_length=20, verbose_name='document type')),
                ('id_number', models.CharField(blank=True, help_text="The document's number in the municipality's register, e.g. “0:19”.", max_length=40, verbose_name='id number')),
                ('version', models.CharField(blank=True, help_text='E.g. “1.0”.', max_length=20, verbose_name='version')),
                ('decided_by', models.CharField(choices=[('council', 'Municipal council (kommunfullmäktige)'), ('executive_board', 'Municipal executive board (kommunstyrelsen)'), ('committee', 'A committee (nämnd)')], default='council', help_text='The body that adopted the document. Policies are adopted by the council.', max_length=20, verbose_name='decided by')),
                ('decided_by_committee', models.CharField(blank=True, help_text='Only when a committee decided, e.g. “Arbetsmarknads- och trafiknämnden”.', max_length=120, verbose_name='name of the committee')),
                ('decision_date', models.DateField(blank=True, help_text='The date of the meeting that adopted it, e.g. 2012-05-06.', null=True, verbose_name='decision date')),
                ('minute_paragraph', models.CharField(blank=True, help_text='The paragraph of the minutes, with or without “§”, e.g. “44”.', max_length=20, verbose_name='minute paragraph (§)')),
                ('registry_number', models.CharField(blank=True, help_text="The case's registry number (diarienummer), e.g. “KS2011/157”.", max_length=40, verbose_name='registry number')),
                ('valid_from', models.DateField(blank=True, help_text='The day the document takes effect. Empty: from the decision date.', null=True, verbose_name='valid from')),
                ('valid_until', models.DateField(blank=True, help_text='Leave empty when the document is valid until further notice (tills vidare).', null=True, verbose_name='valid until')),
                ('period_start_year', models.PositiveSmallIntegerField(blank=True, help_text='When the policy is tied to a period, its first year, e.g. 2019.', null=True, verbose_name='policy period from (year)')),
                ('period_end_year', models.PositiveSmallIntegerField(blank=True, help_text="The period's last year, e.g. 2022.", null=True, verbose_name='policy period to (year)')),
                ('revise_by', models.DateField(blank=True, help_text='When the document owner must review the document.', null=True, verbose_name='to be revised by')),
                ('document_owner', models.CharField(blank=True, help_text='The official who owns the document, a role not a name, e.g. “Kommundirektör”.', max_length=120, verbose_name='document owner')),
                ('body', wagtail.fields.StreamField([('purpose', 2), ('goals', 6), ('priorities', 6), ('cooperation_forms', 6), ('responsibilities', 14), ('financing', 2), ('twin_towns', 16), ('follow_up', 2), ('text', 2), ('list', 6)], blank=True, block_lookup={0: ('wagtail.blocks.CharBlock', (), {'help_text': "The section's heading as it stands in the adopted document.", 'label': 'Heading', 'max_length': 120}), 1: ('wagtail.blocks.RichTextBlock', (), {'features': ['bold', 'italic', 'link', 'document-link', 'ol', 'ul'], 'label': 'Text'}), 2: ('wagtail.blocks.StructBlock', [[('heading', 0), ('text', 1)]], {}), 3: ('wagtail.blocks.RichTextBlock', (), {'features': ['bold', 'italic', 'link', 'document-link', 'ol', 'ul'], 'help_text': 'Optional text before the list.', 'label': 'Introduction', 'required': False}), 4: ('wagtail.blocks.CharBlock', (), {'label': 'Item', 'max_length': 500}), 5: ('wagtail.blocks.ListBlock', (4,), {'label': 'Items', 'min_num': 1}), 6: ('wagtail.blocks.StructBlock', [[('heading', 0), ('intro', 3), ('items', 5)]], {}), 7: ('wagtail.blocks.CharBlock', (), {'label': 'Heading', 'max_length': 120}), 8: ('wagtail.blocks.RichTextBlock', (), {'features': ['bold', 'italic', 'link', 'document-link', 'ol', 'ul'], 'label': 'Introduction', 'required': False}), 9: ('wagtail.blocks.CharBlock', (), {'help_text': 'The council, the executive board or a committee, e.g. “Kommunstyrelsen”.', 'label': 'Body', 'max_length': 120}), 10: ('wagtail.blocks.CharBlock', (), {'label': 'Duty', 'max_length': 500}), 11: ('wagtail.blocks.ListBlock', (10,), {'label': 'Duties', 'min_num': 1}), 12: ('wagtail.blocks.StructBlock', [[('body', 9), ('duties', 11)]], {}), 13: ('wagtail.blocks.ListBlock', (12,), {'label': 'Bodies', 'min_num': 1}), 14: ('wagtail.blocks.StructBlock', [[('heading', 7), ('intro', 8), ('bodies', 13)]], {}), 15: ('wagtail.blocks.RichTextBlock', (), {'features': ['bold', 'italic', 'link', 'document-link', 'ol', 'ul'], 'help_text': 'What the policy says about twin towns. The list of twin towns itself is taken from the twin town pages of this municipality.', 'label': 'Text', 'required': False}), 16: ('wagtail.blocks.StructBlock', [[('heading', 7), ('text', 15)]], {})}, help_text="The document's sections in the order the adopted text has them.", verbose_name='content')),
                ('document', models.ForeignKey(blank=True, help_text='The signed or registered original, for residents who want it.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtaildocs.document', verbose_name='document as adopted (PDF)')),
                ('supersedes', models.ForeignKey(blank=True, help_text='The earlier policy page this document replaces, if it is published here. Earlier documents that were never published are listed below.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='superseded_by', to='wagtail_internationellt.policypage', verbose_name='supersedes')),
            ],
            options={
                'verbose_name': 'policy document',
                'verbose_name_plural': 'policy documents',
            },
            bases=(wagtail_internationellt.models.base.SectionMemberMixin, PAGE_MODEL),
        ),
        migrations.CreateModel(
            name='SupersededDocument',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                ('title', models.CharField(help_text='E.g. “Riktlinjer för kommunens internationella verksamhet”.', max_length=255, verbose_name='title')),
                ('decided_by', models.CharField(choices=[('council', 'Municipal council (kommunfullmäktige)'), ('executive_board', 'Municipal executive board (kommunstyrelsen)'), ('committee', 'A committee (nämnd)')], default='council', max_length=20, verbose_name='decided by')),
                ('decision_date', models.DateField(blank=True, help_text='E.g. 1997-05-26.', null=True, verbose_name='decision date')),
                ('registry_number', models.CharField(blank=True, help_text='E.g. “KS2006/639”.', max_length=40, verbose_name='registry number')),
                ('policy', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='superseded_documents', to='wagtail_internationellt.policypage')),
            ],
            options={
                'verbose_name': 'earlier document',
                'verbose_name_plural': 'earlier documents',
                'ordering': ['sort_order'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='TwinTownImage',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                ('caption', models.CharField(blank=True, help_text="Shown under the image, e.g. “Torget i Nykarleby”. The alt text is the image's own description.", max_length=250, verbose_name='caption')),
                ('image', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='wagtailimages.image', verbose_name='image')),
                ('page', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='images', to='wagtail_internationellt.twintownpage')),
            ],
            options={
                'verbose_name': 'image',
                'verbose_name_plural': 'images',
                'ordering': ['sort_order'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='TwinTownEvaluation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                ('decision_date', models.DateField(help_text='The date the council decided; it says which mandate period is evaluated.', verbose_name='decision date')),
                ('outcome', models.CharField(choices=[('continue', 'Continue'), ('terminate', 'Terminate')], default='continue', max_length=20, verbose_name='outcome')),
                ('decision_reference', models.CharField(blank=True, help_text='E.g. “KF 2023-06-12 § 77”.', max_length=120, verbose_name='decision reference')),
                ('comment', models.TextField(blank=True, help_text='What the agreement gave during the period, or why it ends.', verbose_name='comment')),
                ('page', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='evaluations', to='wagtail_internationellt.twintownpage')),
            ],
            options={
                'verbose_name': 'evaluation',
                'verbose_name_plural': 'evaluations',
                'ordering': ['sort_order'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='TripReportPage',
            fields=[
                (PAGE_LINK, models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=PAGE_MODEL)),
                ('destination_place', models.CharField(blank=True, help_text='Otherwise the place, e.g. “Bryssel”.', max_length=150, verbose_name='place')),
                ('destination_country', django_countries.fields.CountryField(blank=True, help_text="The place's country, e.g. Belgium.", max_length=2, verbose_name='country')),
                ('start_date', models.DateField(null=True, verbose_name='start date')),
                ('end_date', models.DateField(null=True, verbose_name='end date')),
                ('travellers_count', models.PositiveSmallIntegerField(null=True, verbose_name='number of travellers')),
                ('travellers_roles', models.CharField(blank=True, help_text='Roles, not names, e.g. “två förtroendevalda i kommunstyrelsen, en tjänsteperson”.', max_length=255, verbose_name="travellers' roles")),
                ('purpose', models.TextField(help_text='Why the trip was made and what the municipality gains from it.', verbose_name='purpose')),
                ('goals', models.TextField(help_text='What the trip was to achieve.', verbose_name='goals')),
                ('results', models.TextField(blank=True, help_text='What came of it. Can be added after the trip, before reporting back.', verbose_name='results')),
                ('total_cost', models.DecimalField(decimal_places=2, help_text='Travel, lodging and fees together, in kronor, e.g. 12 400.', max_digits=12, null=True, verbose_name='total cost (kronor)')),
                ('financing', models.CharField(choices=[('own_budget', "The department's own budget"), ('central_funds', 'Central funds for international contacts'), ('eu_programme', 'EU programme'), ('external', 'Other external funding')], default='own_budget', max_length=20, verbose_name='financing')),
                ('financing_details', models.CharField(blank=True, help_text="E.g. the EU programme's name or how costs were shared.", max_length=255, verbose_name='financing details')),
                ('board_approval_date', models.DateField(blank=True, help_text="A trip to a twin town needs the executive board's approval before it starts.", null=True, verbose_name='approved by the executive board on')),
                ('board_approval_reference', models.CharField(blank=True, help_text='Paragraph or registry number, e.g. “KS § 112”.', max_length=120, verbose_name="reference of the board's approval")),
                ('reported_to_board_date', models.DateField(blank=True, help_text="A trip that cost more than the municipality's threshold must be reported back to the board.", null=True, verbose_name='reported back to the executive board on')),
                ('reported_to_council_date', models.DateField(blank=True, help_text='Every trip is reported to the council.', null=True, verbose_name='reported to the council on')),
                ('department', models.ForeignKey(help_text='The department or committee that organised and paid for the trip.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='trip_reports', to='wagtail_internationellt.department', verbose_name='organising department')),
                ('destination_twin_town', models.ForeignKey(blank=True, help_text="If the trip went to one of the municipality's twin towns.", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='trip_reports', to='wagtail_internationellt.twintownpage', verbose_name='twin town')),
            ],
            options={
                'verbose_name': 'trip report',
                'verbose_name_plural': 'trip reports',
            },
            bases=(wagtail_internationellt.models.base.SectionMemberMixin, PAGE_MODEL),
        ),
        migrations.AddConstraint(
            model_name='department',
            constraint=models.UniqueConstraint(fields=('section', 'name'), name='wagtail_internationellt_department_unique_name', violation_error_message='This municipality already has a department with that name.'),
        ),
    ]
