// Channels: SMTP, webhook and maildir notifiers.
