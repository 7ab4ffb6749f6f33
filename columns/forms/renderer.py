"""The site's form renderer (``FORM_RENDERER``): Django's form and widget templates,
and one field template for every ``{{ form.x.as_field_group }}``."""

from pathlib import Path

from django import forms
from django.conf import settings
from django.forms.renderers import DjangoTemplates
from django.template.backends.django import DjangoTemplates as DjangoTemplatesEngine
from django.utils.functional import cached_property


class FormRenderer(DjangoTemplates):
    """Renders fields with ``templates/forms/field.html``.

    Django's ``TemplatesSetting`` would load the widget templates through the site's
    template engine, which finds them only with ``django.forms`` installed as an
    app; this keeps the engine of Django's default renderer and adds the site's
    template directory to it.
    """

    field_template_name = "forms/field.html"

    @cached_property
    def engine(self) -> DjangoTemplatesEngine:
        return self.backend(
            {
                "APP_DIRS": True,
                "DIRS": [
                    settings.BASE_DIR / "templates",
                    Path(forms.__file__).parent / "templates",
                ],
                "NAME": "djangoforms",
                "OPTIONS": {},
            }
        )
