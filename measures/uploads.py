"""Refusing an upload past the size limit as it arrives, not once it has all been received.

Django reads a whole upload (to memory, then to a temporary file) before a
view sees it, so a view that checks the size pays for a 1 GB upload first.
SizeLimitUploadHandler runs before Django's own handlers (settings
FILE_UPLOAD_HANDLERS) and stops the upload at the limit.
"""

from django.core.files.uploadhandler import FileUploadHandler, StopUpload

from measures.spreadsheets import MAX_BYTES, MAX_SIZE

# What a form's body holds besides its file: the CSRF token, the buttons, the
# versions a check carries to the import, and the multipart boundaries.
ROOM_FOR_FIELDS = 1024 * 1024
TOO_LARGE = f"The file is larger than {MAX_SIZE}, the limit. Split it into smaller files."


class SizeLimitUploadHandler(FileUploadHandler):
    """Stops an upload at MAX_BYTES; the request's `upload_refused` then says why.

    A body that says it is larger than the limit allows is stopped at its
    file's first byte, before any of the file is read; one that does not say
    (or says less than it sends) is counted and stopped at the limit. The
    form fields before the file (the CSRF token) are read, so the page can
    answer with the reason, and the rest of the body is never read: the
    server closes the connection.
    """

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.declared = content_length or 0
        self.received = 0

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        if self.declared > MAX_BYTES + ROOM_FOR_FIELDS:
            self._refuse()

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > MAX_BYTES:
            self._refuse()
        return raw_data

    def file_complete(self, file_size):
        return None

    def _refuse(self):
        self.request.upload_refused = TOO_LARGE
        raise StopUpload(connection_reset=True)
