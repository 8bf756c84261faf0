#pragma once
// The one place that includes Boost.Asio and Beast. On Boost 1.74 with g++ 12, <utility> must
// come before Asio for its coroutine support to compile.

#include <utility>

// Asio 1.74 finds C++20 coroutines on g++ but not on clang with libstdc++ (used to build the
// fuzz targets), where <coroutine> is there all the same.
#if defined(__clang__) && __cplusplus >= 202002L && !defined(BOOST_ASIO_HAS_CO_AWAIT)
#include <coroutine>
#define BOOST_ASIO_HAS_CO_AWAIT 1
#define BOOST_ASIO_HAS_STD_COROUTINE 1
#endif

#include <boost/asio.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace gazette::server {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = boost::asio::ip::tcp;
} // namespace gazette::server
