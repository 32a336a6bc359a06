"""What a reader sees, for every workbook alike: escaped HTML pieces, banners and provenance
(:mod:`.html`) and the house chart style (:mod:`.style`). Knows no workbook."""

# set (to "1") in the kernels of presenter mode, whose page holds a date typed key by key until the keys stop and
# sends only that one: a day refused is then set back in the field at once (see timeline.live.PlanDatePicker)
TYPED_DATES_HELD = "WORKBOOKS_TYPED_DATES_HELD"
