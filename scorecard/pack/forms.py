from django import forms

from scorecard.lib.forms import DesignSystemForm, DesignSystemModelForm
from scorecard.models import PackCover

MOST_KEY_MESSAGES = 5


class PackCoverForm(DesignSystemModelForm):
    """The pack's cover: its purpose, recommendation, key messages, author, lead director."""

    class Meta:
        model = PackCover
        fields = ["purpose", "recommendation", "key_messages", "author", "lead_director"]
        widgets = {
            "purpose": forms.Select,
            "recommendation": forms.Textarea(attrs={"rows": 3}),
            "key_messages": forms.Textarea(attrs={"rows": 6}),
        }

    def clean_key_messages(self):
        text = self.cleaned_data["key_messages"]
        messages = [line.strip() for line in text.splitlines() if line.strip()]
        if len(messages) > MOST_KEY_MESSAGES:
            raise forms.ValidationError(
                f"Give at most {MOST_KEY_MESSAGES} key messages, one on each line: there are "
                f"{len(messages)}. A board reads five; the rest belong in the pages that follow"
            )
        return "\n".join(messages)


class PublishForm(DesignSystemForm):
    """Publishing is for good: the person says they have read the PDF first."""

    checked = forms.BooleanField(label="I have read this PDF: it is the pack to publish")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Said here, after the design system's own "Enter the ..." for a field left empty.
        self.fields["checked"].error_messages["required"] = (
            "Tick the box to say you have read the PDF: once published it cannot be "
            "changed or withdrawn"
        )
