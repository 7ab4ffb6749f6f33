from columns.markdown import render_markdown


class RenderedBody:
    """For a model with a Markdown ``body`` and its HTML in ``body_html``: the HTML
    is rendered once, when the body is saved, never when a page is shown."""

    def save(self, *args, **kwargs) -> None:
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "body" in update_fields:
            self.body_html = render_markdown(self.body)
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "body_html"}
        super().save(*args, **kwargs)
