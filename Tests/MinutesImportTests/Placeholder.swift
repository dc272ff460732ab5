// Tests for MinutesImportTests live beside this file.
