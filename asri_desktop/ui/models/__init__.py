"""Table models: one ``QAbstractTableModel`` per list, with named column constants."""
