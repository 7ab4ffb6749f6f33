"""Every ``{{ form.x.as_field_group }}`` renders the one field template,
``templates/forms/field.html`` (``columns.forms.renderer``)."""

from django import forms
from django.test.html import parse_html


class SampleForm(forms.Form):
    name = forms.CharField(help_text="As printed.")
    agree = forms.BooleanField(label="I agree")
    colours = forms.MultipleChoiceField(
        choices=[("red", "Red")], widget=forms.CheckboxSelectMultiple
    )


def test_a_field_has_its_label_errors_and_help_with_the_ids_its_widget_names():
    html = SampleForm({})["name"].as_field_group()
    assert parse_html(html) == parse_html(
        '<div class="field"><label for="id_name">Name</label>'
        '<ul class="errorlist" id="id_name_error"><li>This field is required.</li>'
        '</ul><input type="text" name="name" required aria-invalid="true" '
        'aria-describedby="id_name_helptext id_name_error" id="id_name">'
        '<p class="help" id="id_name_helptext">As printed.</p></div>'
    )


def test_a_single_checkbox_comes_before_its_label():
    html = SampleForm()["agree"].as_field_group()
    assert parse_html(html) == parse_html(
        '<div class="field checkbox"><input type="checkbox" name="agree" required '
        'id="id_agree"> <label for="id_agree">I agree</label></div>'
    )


def test_a_group_of_checkboxes_is_a_fieldset_with_a_legend():
    html = SampleForm()["colours"].as_field_group()
    assert parse_html(html) == parse_html(
        '<fieldset class="field"><legend>Colours</legend><div id="id_colours"><div>'
        '<label for="id_colours_0"><input type="checkbox" name="colours" value="red" '
        'id="id_colours_0"> Red</label></div></div></fieldset>'
    )
