from workjournal.cli import main

main()
