from workjournal.entry import main

main()
