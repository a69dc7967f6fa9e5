// Qt resources are attached to this library; it needs one source of its own.
