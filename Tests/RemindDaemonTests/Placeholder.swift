// Tests for RemindDaemonTests live beside this file.
