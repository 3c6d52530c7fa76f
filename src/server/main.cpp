// toom-server: the Toom chat server.
#include "server/ServerApp.h"

#include <Poco/Util/ServerApplication.h>

int main(int argc, char** argv) {
    toom::ServerApp app;
    return app.run(argc, argv);
}
