"""The public directory of approved courses: core, specializations, refresher and CE."""
