// Each Web API area registers its functions and actions by being imported here.
