#pragma once

// FAKE non-database services for the connection tests: a listener on 127.0.0.1 that answers
// as a web server (like OpenMetadata's own Jetty on 8585: a 400 page for bytes that are not
// HTTP, JSON for a GET) or as an SSH daemon (its banner first). It runs on its own thread,
// so a test may block on the code under test, or on a child process, while it answers.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <string>
#include <thread>

namespace omu::test {

class FakeServiceListener
{
public:
    enum class Kind
    {
        Http,
        Ssh
    };

    explicit FakeServiceListener(Kind kind) : m_kind(kind)
    {
        m_socket = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        address.sin_port = 0;
        socklen_t length = sizeof address;
        if (m_socket < 0 || ::bind(m_socket, reinterpret_cast<sockaddr*>(&address), length) != 0 ||
            ::listen(m_socket, 16) != 0 ||
            ::getsockname(m_socket, reinterpret_cast<sockaddr*>(&address), &length) != 0)
            return;
        m_port = ntohs(address.sin_port);
        m_thread = std::thread([this] { serve(); });
    }
    ~FakeServiceListener()
    {
        m_stop = true;
        if (m_thread.joinable())
            m_thread.join();
        if (m_socket >= 0)
            ::close(m_socket);
    }
    FakeServiceListener(const FakeServiceListener&) = delete;
    FakeServiceListener& operator=(const FakeServiceListener&) = delete;

    int port() const { return m_port; } // 0 when it could not listen

private:
    static bool readable(int fd, int ms)
    {
        pollfd p{fd, POLLIN, 0};
        return ::poll(&p, 1, ms) > 0;
    }
    static void send(int fd, const std::string& text)
    {
        (void)!::send(fd, text.data(), text.size(), MSG_NOSIGNAL);
    }

    void serve()
    {
        while (!m_stop) {
            if (!readable(m_socket, 100))
                continue;
            const int client = ::accept(m_socket, nullptr, nullptr);
            if (client < 0)
                continue;
            answer(client);
            ::close(client);
        }
    }

    void answer(int client)
    {
        if (m_kind == Kind::Ssh) {
            send(client, "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n");
            // Wait for the client's side (or its giving up), then hang up like sshd does.
            std::string got;
            char buffer[512];
            for (int i = 0; i < 50 && !m_stop && readable(client, 100); ++i) {
                const auto n = ::recv(client, buffer, sizeof buffer, 0);
                if (n <= 0)
                    break;
                got.append(buffer, size_t(n));
                if (got.find('\n') != std::string::npos || got.size() > 200) {
                    send(client, "Invalid SSH identification string.\r\n");
                    break;
                }
            }
            return;
        }
        // HTTP: a web server speaks only when spoken to.
        std::string request;
        char buffer[1024];
        for (int i = 0; i < 100 && !m_stop; ++i) {
            if (!readable(client, 100))
                continue;
            const auto n = ::recv(client, buffer, sizeof buffer, 0);
            if (n <= 0)
                return;
            request.append(buffer, size_t(n));
            const bool looksHttp = request.rfind("GET ", 0) == 0 || request.rfind("POST ", 0) == 0;
            if (!looksHttp) { // Jetty's answer to bytes that are not HTTP
                send(client,
                     "HTTP/1.1 400 Bad Request\r\nContent-Type: text/html;charset=iso-8859-1\r\n"
                     "Content-Length: 50\r\nConnection: close\r\n\r\n"
                     "<h1>Bad Message 400</h1><pre>reason: Illegal character</pre>");
                return;
            }
            if (request.find("\r\n\r\n") != std::string::npos) {
                const std::string body = R"({"version":"1.3.0","revision":"fake"})";
                send(client,
                     "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                         std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
                return;
            }
        }
    }

    Kind m_kind;
    int m_socket = -1;
    int m_port = 0;
    std::atomic_bool m_stop{false};
    std::thread m_thread;
};

} // namespace omu::test
