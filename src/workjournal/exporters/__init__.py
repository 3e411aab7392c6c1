"""Writers for the journal's export formats. They write to the file or stream they are given and
never print messages of their own."""
