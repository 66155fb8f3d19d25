"""Import of output, plans and headcount from CSV or XLSX files, by stage.

- `rows`: what each kind of file holds: its columns, how each parses, the typed row it makes
- `cells`: how a cell parses, naming its line and column when it does not
- `reading`: a CSV or XLSX file into its header and rows of text
- `checking`: every row checked against its kind's specification
- `fast_path`: the quick check of output rows in the usual shape
- `matching`: keys to ids, and checked rows to the rows on record
- `copy_format`: PostgreSQL COPY's text format
- `writing`: the bulk write, rows with evidence, changed rows, the monthly totals
- `streaming`: output rows written while the file is still being checked
- `progress`: how far a check or import has got, for the page that polls it
- `importing`: the ways in (preview, import a file, import records, import for the page)
"""
