from deedgraph.cli import main

main()
