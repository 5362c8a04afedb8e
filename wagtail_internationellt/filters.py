"""The filters residents use on the twin-town and trip-report lists.

Plain GET forms: they work without JavaScript, their URLs can be bookmarked,
and the same parameters narrow the open-data exports. Each form offers only
values that occur among the live pages it filters, so a resident never picks a
filter that cannot match anything.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.forms.utils import ErrorDict
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_countries import countries

# Swedish alphabetical order puts å, ä and ö after z, in that order.
_SWEDISH_ORDER = str.maketrans({"å": "z\x01", "ä": "z\x02", "ö": "z\x03", "ü": "y", "é": "e"})


def swedish_sort_key(text):
    """Sort key that orders names as a Swedish reader expects: …, Z, Å, Ä, Ö."""
    return (text or "").lower().translate(_SWEDISH_ORDER)


def country_choices(codes):
    """Choices for the given ISO codes, named in the active language, in Swedish order."""
    named = [(code, countries.name(code)) for code in set(codes) if code]
    return sorted(named, key=lambda choice: swedish_sort_key(str(choice[1])))


def country_names(country):
    """A country's name in each of the site's languages, e.g. "Norge Norway"."""
    if not country:
        return ""
    names = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            name = str(countries.name(country.code))
        if name not in names:
            names.append(name)
    return " ".join(names)


class ListingFilterForm(forms.Form):
    """A filter form whose empty fields mean "all".

    The values are read as the feeds and exports read them (``read_filters``),
    so that a list and its downloads always agree: a value of the right kind
    that matches nothing (a year without trips) gives an empty list; a value
    that cannot be right (``year=abc``) is shown as an error on its field and
    ignored. The choices offered are those that occur, plus the one chosen.
    """

    read_filters = None  # a function(query dict) -> {name: value}

    def __init__(self, data, **kwargs):
        # Only the form's own parameters count: "page" and others pass through.
        own = {name: data[name] for name in self.base_fields if data.get(name)}
        super().__init__(own, **kwargs)

    @property
    def active(self):
        """Whether any filter was given, valid or not (the list offers to clear them)."""
        return bool(self.data)

    def filters(self):
        """The well-formed, non-empty values chosen, by field name."""
        self.is_valid()
        return self.cleaned_data

    def full_clean(self):
        self._errors = ErrorDict()
        self.cleaned_data = type(self).read_filters(self.data)
        for name, field in self.fields.items():
            value = self.data.get(name)
            if not value:
                continue
            if name not in self.cleaned_data:
                self.add_error(
                    name,
                    ValidationError(
                        field.error_messages["invalid_choice"],
                        code="invalid_choice",
                        params={"value": value},
                    ),
                )
                # Screen readers announce the error with the field (filter_form.html).
                field.widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": f"{self[name].auto_id}-error"}
                )
            elif not field.valid_value(value):
                field.choices = [*field.choices, (value, self.label_for(name, value))]

    def label_for(self, name, value):
        """The label of a chosen value that the choices do not offer."""
        if name == "country":
            return countries.name(value)
        return value


def _with_empty(label, choices):
    return [("", label), *choices]


class TwinTownFilterForm(ListingFilterForm):
    read_filters = staticmethod(lambda data: twin_town_filters(data))
    status = forms.ChoiceField(label=_("Status"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)

    def __init__(self, data, *, twin_towns, **kwargs):
        from .models.twin_towns import TwinTownStatus

        super().__init__(data, **kwargs)
        self.fields["status"].choices = _with_empty(_("All statuses"), TwinTownStatus.choices)
        self.fields["country"].choices = _with_empty(
            _("All countries"),
            country_choices(twin_towns.order_by().values_list("country", flat=True).distinct()),
        )

    def apply(self, twin_towns):
        return filter_twin_towns(twin_towns, self.filters())


def filter_twin_towns(twin_towns, chosen):
    """Twin towns narrowed by the chosen ``status`` and ``country``."""
    if "status" in chosen:
        twin_towns = twin_towns.filter(status=chosen["status"])
    if "country" in chosen:
        twin_towns = twin_towns.filter(country=chosen["country"])
    return twin_towns


class TripReportFilterForm(ListingFilterForm):
    read_filters = staticmethod(lambda data: trip_report_filters(data))
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)
    department = forms.TypedChoiceField(
        label=_("Department"), coerce=int, required=False, empty_value=None
    )
    destination = forms.TypedChoiceField(
        label=_("Twin town"), coerce=int, required=False, empty_value=None
    )
    country = forms.ChoiceField(label=_("Country"), required=False)

    def __init__(self, data, *, trip_reports, **kwargs):
        from .models.registers import Department
        from .models.twin_towns import TwinTownPage

        super().__init__(data, **kwargs)
        unordered = trip_reports.order_by()
        years = unordered.dates("start_date", "year", order="DESC")
        self.fields["year"].choices = _with_empty(
            _("All years"), [(day.year, day.year) for day in years]
        )
        departments = Department.objects.filter(pk__in=unordered.values("department")).values_list(
            "pk", "name"
        )
        self.fields["department"].choices = _with_empty(
            _("All departments"),
            sorted(departments, key=lambda choice: swedish_sort_key(choice[1])),
        )
        towns = TwinTownPage.objects.filter(
            pk__in=unordered.values("destination_twin_town")
        ).values_list("pk", "title")
        self.fields["destination"].choices = _with_empty(
            _("All destinations"), sorted(towns, key=lambda choice: swedish_sort_key(choice[1]))
        )
        codes = unordered.values_list(
            "destination_twin_town__country", "destination_country"
        ).distinct()
        self.fields["country"].choices = _with_empty(
            _("All countries"), country_choices(town or place for town, place in codes)
        )

    def label_for(self, name, value):
        from .models.registers import Department
        from .models.twin_towns import TwinTownPage

        model = {"department": Department, "destination": TwinTownPage}.get(name)
        if model is None:
            return super().label_for(name, value)
        found = model.objects.filter(pk=value).first()
        return str(found) if found else value

    def apply(self, trip_reports):
        return filter_trip_reports(trip_reports, self.filters())


def filter_trip_reports(trip_reports, chosen):
    """Trip reports narrowed by the chosen year, department, destination and country."""
    if "year" in chosen:
        trip_reports = trip_reports.filter(start_date__year=chosen["year"])
    if "department" in chosen:
        trip_reports = trip_reports.filter(department_id=chosen["department"])
    if "destination" in chosen:
        trip_reports = trip_reports.filter(destination_twin_town_id=chosen["destination"])
    if "country" in chosen:
        code = chosen["country"]
        trip_reports = trip_reports.filter(
            Q(destination_twin_town__country=code)
            | Q(destination_twin_town__isnull=True, destination_country=code)
        )
    return trip_reports


def filters_from_query(data, integer_fields=(), choice_fields=None):
    """The filters in a query string, read without offering choices (feeds and exports).

    Like the forms, a value that cannot be valid is ignored: it can only match
    nothing. ``choice_fields`` maps a name to the values it accepts.
    """
    chosen = {}
    for name in integer_fields:
        value = data.get(name, "")
        if value.isdigit() and len(value) < 12:
            chosen[name] = int(value)
    for name, accepted in (choice_fields or {}).items():
        value = data.get(name, "")
        if value in accepted:
            chosen[name] = value
    return chosen


def trip_report_filters(data):
    return filters_from_query(
        data,
        integer_fields=("year", "department", "destination"),
        choice_fields={"country": dict(countries)},
    )


def twin_town_filters(data):
    from .models.twin_towns import TwinTownStatus

    return filters_from_query(
        data, choice_fields={"status": TwinTownStatus.values, "country": dict(countries)}
    )
