"""The versions of the frameworks and policy each report and decision was made under."""
