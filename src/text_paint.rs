pub struct GlyphAtlas;
