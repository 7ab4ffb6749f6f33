"""Concrete through models for topics, so topic joins use real foreign keys and
indexes instead of taggit's generic (content type, object id) pairs."""

from django.db import models
from taggit.models import ItemBase

from columns.models.columns import Topic


class TaggedQuestion(ItemBase):
    tag = models.ForeignKey(
        Topic, on_delete=models.CASCADE, related_name="question_items"
    )
    content_object = models.ForeignKey(
        "columns.Question", on_delete=models.CASCADE, related_name="topic_items"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_object", "tag"], name="unique_question_topic"
            )
        ]
        indexes = [models.Index(fields=["tag", "content_object"])]


class TaggedAnswer(ItemBase):
    tag = models.ForeignKey(
        Topic, on_delete=models.CASCADE, related_name="answer_items"
    )
    content_object = models.ForeignKey(
        "columns.Answer", on_delete=models.CASCADE, related_name="topic_items"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_object", "tag"], name="unique_answer_topic"
            )
        ]
        indexes = [models.Index(fields=["tag", "content_object"])]
