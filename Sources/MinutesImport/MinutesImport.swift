// Action-item extraction from meeting minutes.
