# pytest puts this folder on sys.path, so the tests import calc as the code does.
