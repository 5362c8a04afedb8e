"""schema.org descriptions of the public pages, embedded as JSON-LD.

Search engines and other machines read from these which policy is in force and
who decided it (``Legislation``) and where a twin town is (``City``).
"""

from django.utils.html import strip_tags

from .rules import PolicyStatus
from .templatetags.internationellt import web_address

SCHEMA = "https://schema.org"

LEGAL_FORCE = {
    PolicyStatus.IN_FORCE: f"{SCHEMA}/InForce",
    PolicyStatus.UPCOMING: f"{SCHEMA}/NotInForce",
    PolicyStatus.EXPIRED: f"{SCHEMA}/NotInForce",
    PolicyStatus.SUPERSEDED: f"{SCHEMA}/NotInForce",
}


def _without_empty(data):
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def _language(page):
    return page.locale.language_code if page.locale_id else None


def _municipality(section):
    if section is None:
        return None
    return {"@type": "AdministrativeArea", "name": section.municipality_name}


def policy_legislation(page, request):
    """``Legislation`` for a policy page: identifiers, decision, force and predecessors."""
    section = page.section
    passed_by = None
    if section is not None:
        passed_by = {
            "@type": "GovernmentOrganization",
            "name": f"{page.decided_by_label}, {section.municipality_name}",
        }
    predecessors = [
        _without_empty(
            {
                "@type": "Legislation",
                "name": earlier.title,
                "url": earlier.get_full_url(request) if earlier.live else None,
                "legislationDate": earlier.decision_date,
                "legislationIdentifier": earlier.registry_number,
            }
        )
        for earlier in page.supersession_chain
    ] + [
        _without_empty(
            {
                "@type": "Legislation",
                "name": record.title,
                "legislationDate": record.decision_date,
                "legislationIdentifier": record.registry_number,
            }
        )
        for record in page.superseded_records
    ]
    return _without_empty(
        {
            "@context": SCHEMA,
            "@type": "Legislation",
            "name": page.title,
            "url": page.get_full_url(request),
            "inLanguage": _language(page),
            "legislationType": str(page.get_document_type_display()),
            "legislationIdentifier": page.registry_number,
            "identifier": page.id_number,
            "version": page.version,
            "legislationDate": page.decision_date,
            "legislationPassedBy": passed_by,
            "legislationJurisdiction": _municipality(section),
            "legislationLegalForce": LEGAL_FORCE[page.status],
            "legislationResponsible": page.document_owner,
            "temporalCoverage": _validity(page),
            "encoding": _document_encoding(page, request),
            "legislationChanges": predecessors,
            "dateModified": page.last_published_at,
        }
    )


def _validity(page):
    start = page.effective_from
    if start is None:
        return None
    end = page.valid_until
    return f"{start.isoformat()}/{end.isoformat() if end else '..'}"


def _document_encoding(page, request):
    document = page.document
    if document is None:
        return None
    return _without_empty(
        {
            "@type": "MediaObject",
            "contentUrl": request.build_absolute_uri(document.url),
            "encodingFormat": "application/pdf" if document.file_extension == "pdf" else None,
            "contentSize": document.file_size,
        }
    )


def twin_town_city(page, request):
    """``City`` for a twin town page: its names, country, region and coordinates."""
    geo = None
    if page.has_coordinates:
        geo = {
            "@type": "GeoCoordinates",
            "latitude": float(page.latitude),
            "longitude": float(page.longitude),
        }
    address = _without_empty(
        {
            "@type": "PostalAddress",
            "addressCountry": page.country.code or None,
            "addressRegion": page.region,
        }
    )
    return _without_empty(
        {
            "@context": SCHEMA,
            "@type": "City",
            "name": page.title,
            "alternateName": page.official_name if page.official_name != page.title else None,
            "url": page.get_full_url(request),
            "sameAs": web_address(page.website),
            "description": strip_tags(page.description).strip() if page.description else None,
            "address": address if len(address) > 1 else None,
            "geo": geo,
        }
    )
