// Tests for RemindDeliveryTests live beside this file.
