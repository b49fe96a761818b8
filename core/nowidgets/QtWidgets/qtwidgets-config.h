// Placed first on core's include path: every QtWidgets header includes this file, so any
// attempt to use QtWidgets from core/ stops the build here.
#error "core/ must not include QtWidgets: put widget code in ui/"
