"""The DHCS fiscal-year report (§808, App. E) and the data elements it is built from."""
