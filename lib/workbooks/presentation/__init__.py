"""What a reader sees, for every workbook alike: escaped HTML pieces, banners and provenance
(:mod:`.html`) and the house chart style (:mod:`.style`). Knows no workbook."""

# set (to "1") in the kernels of presenter mode. Their page holds a date typed key by key until the keys stop and
# sends only that one, so a day refused is set back in the field at once (timeline.live.PlanDatePicker); and the
# notice a kernel logs when its shutdown interrupts a message it was handling (Jupyter interrupts every kernel it
# shuts down) is not shown in the presenter's terminal (presentation.live.follow_page_address)
PRESENTER_KERNEL = "WORKBOOKS_PRESENTER_KERNEL"
