"""The Clients window: clients, their segments and contacts, every change undoable."""
