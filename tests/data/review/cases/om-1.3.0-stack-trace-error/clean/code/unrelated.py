import traceback

# A variable of the same name in a file that has nothing to do with StackTraceError.
stack_trace = traceback.format_exc()
