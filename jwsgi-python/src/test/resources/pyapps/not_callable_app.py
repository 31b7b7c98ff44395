app = "not callable"
