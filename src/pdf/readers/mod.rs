//! How the PDF readers people use rebuild text from a page, as far as the writer depends on
//! it: one module per reader, each a model its tests call directly.

pub(crate) mod pdfium;
pub(crate) mod pdfjs;
pub(crate) mod poppler;
