"""Everything a reader sees: the one bilingual text catalogue (:mod:`.texts`), number formats
(:mod:`.fmt`), typed report sections (:mod:`.section`, :mod:`.sections`), figures
(:mod:`.plots`), saving and provenance (:mod:`.output`) and the notebooks' setup
(:mod:`.notebook`)."""
