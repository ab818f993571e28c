"""Pictures for print and for the report page: SVG charts and maps, drawn from the same
views the tables and exports show. Imported only by the commands that draw."""
