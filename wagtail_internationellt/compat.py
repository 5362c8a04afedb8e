"""What differs between the Django versions the package supports (setup.cfg).

Each function gives the package one behaviour on all of them; ``scripts/matrix.sh`` runs
the suite on the oldest and the newest combination. When support for a version ends,
its branch goes.
"""

from django.template import defaulttags


def mail_connection():
    """The connection the package's e-mail is sent through: the default mailer.

    Django 6.1 configures mail with ``MAILERS`` and deprecates ``get_connection()``;
    Django 5.2 and 6.0 have no mailers.
    """
    try:
        from django.core.mail import mailers
    except ImportError:  # Django < 6.1
        from django.core.mail import get_connection

        return get_connection()
    return mailers.default


def querystring(context, **changes):
    """Django's ``{% querystring %}`` with ``changes``, and "" when no parameter is left.

    For an empty result Django 6.0 and later give ``"?"``, Django 5.2 ``""`` (but ``"?"``
    when a parameter was removed): a link without filters is the plain address on all.
    """
    query = defaulttags.querystring(context, **changes)
    return "" if query == "?" else query
