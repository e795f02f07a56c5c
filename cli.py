def main():
    print("tapecheck")
