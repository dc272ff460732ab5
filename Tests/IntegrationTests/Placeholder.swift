// Tests for IntegrationTests live beside this file.
