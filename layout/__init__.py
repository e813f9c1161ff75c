"""paiban (排版): newspaper issue layout and print pipeline for Chinese newspapers.

The pipeline is the package layout, one stage per sub-package:

    model   issue files (YAML + body text)  -> Issue
    text    copy normalization, CJK line breaking and justification -> Line
    flow    lines into column regions on the page's baseline grid -> ColumnFlow
    compose pages: modules, headline stacks, photos, furniture -> ComposedPage
    render  PDF (ReportLab), QR code, manifest, PNG previews

`layout.build.build()` runs them in order.
"""

__version__ = "0.1.0"
