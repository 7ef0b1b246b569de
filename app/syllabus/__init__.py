"""syllabus package."""
