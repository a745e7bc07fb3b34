-- phpMyAdmin SQL Dump
-- version 5.2.1
SET SQL_MODE = "NO_AUTO_VALUE_ON_ZERO";
START TRANSACTION;
SET time_zone = "+00:00";
/*!40101 SET NAMES utf8mb4 */;
CREATE TABLE `nv4_vi_news_rows` (
  `id` int(11) UNSIGNED NOT NULL,
  `title` varchar(250) NOT NULL DEFAULT '',
  `hitstotal` mediumint(8) UNSIGNED NOT NULL DEFAULT 0
) ENGINE=MyISAM DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

INSERT INTO `nv4_vi_news_rows` (`id`, `title`, `hitstotal`) VALUES
(1, 'Một bài', 12),
(2, 'Hai bài', 0);
ALTER TABLE `nv4_vi_news_rows`
  ADD PRIMARY KEY (`id`);
COMMIT;
