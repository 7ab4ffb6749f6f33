"""``{% address "columns:feed" %}``: ``{% url %}``, remembered (columns.addresses)."""

from django import template

from columns.addresses import address

register = template.Library()
register.simple_tag(address, name="address")
