"""The forms of the import and export pages (kept apart from the entry page's forms)."""

import hashlib

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError

from measures import imports, spreadsheets
from scorecard.lib.forms import DesignSystemForm, PeriodField

MONTH_WIDGET = forms.TextInput(attrs={"class": "nhsuk-input nhsuk-input--width-10"})


class ImportForm(DesignSystemForm):
    """A spreadsheet of values, checked in full: `plan` holds what it asks for.

    A problem with the file as a whole (not CSV or XLSX, empty, no header) is
    the field's error; problems in rows are in plan.problems, for the table.
    `checked` carries, signed, what a check of the same file saw (the version
    of each value it would write) to the page where the person imports it:
    `seen_at_check` holds those versions when the file chosen is the one
    checked, byte for byte.
    """

    SALT = "measures.import.checked"

    file = forms.FileField(
        label="Spreadsheet to import",
        # The import itself says why an empty file cannot be read.
        allow_empty_file=True,
        help_text=f"A CSV (UTF-8) or Excel (.xlsx) file of up to {spreadsheets.MAX_SIZE} and "
        f"{spreadsheets.MAX_ROWS:,} rows. Only the first sheet of a workbook is read.",
        widget=forms.FileInput(
            attrs={"class": "nhsuk-file-upload__input", "accept": ".csv,.xlsx"}
        ),
    )

    checked = forms.CharField(required=False, widget=forms.HiddenInput)
    backfill = forms.BooleanField(
        required=False,
        label="Import the values from before each measure's first value",
        help_text="They are added to the history of each measure listed, and the computed "
        "totals above are worked out again for those periods.",
    )

    def __init__(self, *args, units=None, within=None, refused="", **kwargs):
        super().__init__(*args, **kwargs)
        # An upload stopped at the size limit arrives as no file: say why instead.
        required = refused or "Choose a CSV or XLSX file to import"
        self.fields["file"].error_messages["required"] = required
        self.units = units
        self.within = within
        self.plan = None
        self.digest = None
        self.seen_at_check = None

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.plan = imports.check_file(upload, units=self.units, within=self.within)
        whole_file = [problem.reason for problem in self.plan.problems if problem.row is None]
        if whole_file:
            raise ValidationError(whole_file)
        digest = hashlib.sha256()
        for chunk in upload.chunks():
            digest.update(chunk)
        self.digest = digest.hexdigest()
        return upload

    def clean_checked(self):
        try:
            checked = signing.loads(self.cleaned_data["checked"], salt=self.SALT)
        except signing.BadSignature:
            # None, or not from this page: the import reads the versions itself.
            return None
        if self.digest and checked["file"] == self.digest:
            self.seen_at_check = checked["seen"]
        return checked

    @classmethod
    def after_check(cls, plan, digest):
        """A blank form carrying what a check of the file with `digest` saw."""
        token = {"file": digest, "seen": imports.versions_seen(plan)}
        return cls(initial={"checked": signing.dumps(token, salt=cls.SALT, compress=True)})


class ExportForm(DesignSystemForm):
    FORMATS = [("csv", "CSV (opens in any spreadsheet)"), ("xlsx", "Excel workbook (.xlsx)")]

    start = PeriodField(
        label="First month",
        help_text="Year and month, such as 2025-04 for April 2025.",
        widget=MONTH_WIDGET,
    )
    end = PeriodField(
        label="Last month",
        help_text="Year and month. Values whose period starts in these months are exported.",
        widget=MONTH_WIDGET,
    )
    format = forms.ChoiceField(
        label="Format", choices=FORMATS, initial="csv", widget=forms.RadioSelect
    )

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.this_month = today.replace(day=1)

    def clean_start(self):
        return self._month(self.cleaned_data["start"], "first")

    def clean_end(self):
        return self._month(self.cleaned_data["end"], "last")

    def _month(self, day, which):
        month = day.replace(day=1)
        if month > self.this_month:
            raise ValidationError(
                f"The {which} month is in the future: the latest is "
                f"{self.this_month:%B %Y} ({self.this_month:%Y-%m})"
            )
        return month

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", f"The last month must be {start:%B %Y} or later")
        return cleaned
