// Lets a stage library build while its folder holds headers only.
